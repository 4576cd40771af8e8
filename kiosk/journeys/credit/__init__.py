"""信用查询: a citizen views and prints their own credit record."""
