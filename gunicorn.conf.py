"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py 'surveyapp:create_app()'`.

The anonymity promise holds in the logs too: the access log format below has no client address
(%(h)s), no user agent, no referrer, no cookie and no time stamp, and the logger class keeps client
addresses and time stamps out of the error log. gunicorn must run behind a proxy that buffers requests
and responses (deploy/nginx/surveyapp.conf): a sync worker serves one connection at a time, so a few
slow clients talking to it directly would hold every worker.
"""

import os
import sys

# Under gunicorn the app always runs as production: it refuses to start without SURVEYAPP_SECRET_KEY.
raw_env = ["SURVEYAPP_ENV=production"]

bind = os.environ.get("SURVEYAPP_BIND", "127.0.0.1:8000")
# Two per core is plenty for server-rendered forms; PDF reports are the slowest requests.
workers = int(os.environ.get("SURVEYAPP_WORKERS", "2"))
timeout = 60  # a PDF report of a large collection takes a few seconds, never a minute
graceful_timeout = 30
keepalive = 5
# No runtime control socket (gunicornc): it would sit in the user's home, shared by every instance.
control_socket_disable = True
# Requests are small (MAX_CONTENT_LENGTH 256 KB); header limits stay at gunicorn's defaults.

errorlog = "-"
accesslog = "-"
# Method, path without the query string, status, bytes, duration in ms: no time stamp at all (the
# log handler adds none to access lines), no client address, user agent, referrer or cookie.
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# ... and a kiosk tablet's address, which is its key, is written as /kiosk/- (surveyapp/web/access_log.py),
# and error-log lines carry neither a time stamp nor a client's address.
logger_class = "surveyapp.web.access_log.AccessLogger"


def on_starting(server):
    """Build the app once in the master before any worker starts, so that broken instruments or a missing
    secret stop gunicorn with the app's own message and a non-zero exit, instead of workers that fail to
    boot and are restarted forever."""
    os.environ.setdefault("SURVEYAPP_ENV", "production")
    from surveyapp import create_app

    try:
        app = create_app()
    except SystemExit as exc:
        print(
            exc.code if isinstance(exc.code, str) else "surveyapp will not start",
            file=sys.stderr,
            flush=True,
        )
        os._exit(1)
    app.extensions["surveyapp.db"].kw["bind"].dispose()
