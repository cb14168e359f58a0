"""gunicorn settings: no access log, because it would record client addresses."""
accesslog = None
errorlog = "-"
bind = "127.0.0.1:8000"
workers = 2
