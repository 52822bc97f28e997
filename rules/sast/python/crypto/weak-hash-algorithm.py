import hashlib


def digest(data):
    # ruleid: picket.python.crypto.weak-hash-algorithm
    a = hashlib.md5(data).hexdigest()
    # ruleid: picket.python.crypto.weak-hash-algorithm
    b = hashlib.new("sha1", data).hexdigest()
    # ok: picket.python.crypto.weak-hash-algorithm
    c = hashlib.sha256(data).hexdigest()
    # ok: picket.python.crypto.weak-hash-algorithm
    d = hashlib.md5(data, usedforsecurity=False).hexdigest()
    return a, b, c, d
