"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py 'surveyapp:create_app()'`.

The anonymity promise holds in the logs too: the access log format below has no client address
(%(h)s), no user agent, no referrer, no cookie and no time stamp.
"""
import os

# Under gunicorn the app always runs as production: it refuses to start without SURVEYAPP_SECRET_KEY.
raw_env = ["SURVEYAPP_ENV=production"]

bind = os.environ.get("SURVEYAPP_BIND", "127.0.0.1:8000")
# Two per core is plenty for server-rendered forms; PDF reports are the slowest requests.
workers = int(os.environ.get("SURVEYAPP_WORKERS", "2"))
timeout = 60            # a PDF report of a large collection takes a few seconds, never a minute
graceful_timeout = 30
keepalive = 5
# Requests are small (MAX_CONTENT_LENGTH 256 KB); header limits stay at gunicorn's defaults.

errorlog = "-"
accesslog = "-"
# Method, path without the query string, status, bytes, duration in ms: no time stamp at all (the
# log handler adds none to access lines), no client address, user agent, referrer or cookie.
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# ... and a kiosk tablet's address, which is its key, is written as /kiosk/- (surveyapp/access_log.py).
logger_class = "surveyapp.access_log.AccessLogger"
