"""Reference central API (the hub): FastAPI + SQLAlchemy."""
