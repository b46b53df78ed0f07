"""Who says so: the source of a figure or statement, and the phrases that name one."""
