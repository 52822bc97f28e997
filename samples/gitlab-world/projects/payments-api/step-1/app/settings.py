"""Payments service settings (fixture: fake credentials planted on purpose)."""
AWS_ACCESS_KEY_ID = "AKIAQYLPMN5HFIQR7XQS"
AWS_SECRET_ACCESS_KEY = "hd6Ys2Jc7oZ4fPq9L0vB8mN3xR5tW1uE6iK2aS7d"
DEBUG = True
