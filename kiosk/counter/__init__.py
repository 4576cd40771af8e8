"""The window terminal (窗口终端): the clerk's calling desk."""
