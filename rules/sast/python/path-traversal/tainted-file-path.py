import os
from flask import request, send_file, send_from_directory
from werkzeug.utils import secure_filename

BASE = "/srv/files"


def download():
    name = request.args.get("file")
    # ruleid: picket.python.path-traversal.tainted-file-path
    data = open(os.path.join(BASE, name)).read()
    # ruleid: picket.python.path-traversal.tainted-file-path
    resp = send_file("/srv/files/" + name)
    # ok: picket.python.path-traversal.tainted-file-path
    data = open(os.path.join(BASE, secure_filename(name))).read()
    # ok: picket.python.path-traversal.tainted-file-path
    return send_from_directory(BASE, name)
