import os
import shlex
import subprocess
from flask import request


def ping():
    host = request.args.get("host")
    # ruleid: picket.python.injection.os-command-tainted
    os.system("ping -c 1 " + host)
    # ruleid: picket.python.injection.os-command-tainted
    subprocess.run("nslookup " + host, shell=True)
    # ok: picket.python.injection.os-command-tainted
    subprocess.run(["ping", "-c", "1", host])
    # ok: picket.python.injection.os-command-tainted
    os.system("ping -c 1 " + shlex.quote(host))
    # ok: picket.python.injection.os-command-tainted
    os.system("uptime")
