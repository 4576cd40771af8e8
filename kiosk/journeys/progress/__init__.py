"""进度查询: look up a case's progress (flow)."""
