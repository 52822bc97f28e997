import os
import subprocess


def backup(path, user):
    # ruleid: picket.python.injection.os-command-shell-audit
    os.system("tar czf /tmp/b.tgz " + path)
    # ruleid: picket.python.injection.os-command-shell-audit
    subprocess.call(f"id {user}", shell=True)
    # ok: picket.python.injection.os-command-shell-audit
    os.system("sync")
    # ok: picket.python.injection.os-command-shell-audit
    subprocess.call(["tar", "czf", "/tmp/b.tgz", path])
