import hashlib
import os


def store(password, content):
    # ruleid: picket.python.crypto.fast-hash-for-password
    h1 = hashlib.md5(password.encode()).hexdigest()
    # ruleid: picket.python.crypto.fast-hash-for-password
    h2 = hashlib.sha1(password.encode("utf-8")).hexdigest()
    h = hashlib.sha256()
    # ruleid: picket.python.crypto.fast-hash-for-password
    h.update(password.encode())
    salt = os.urandom(16)
    # ok: picket.python.crypto.fast-hash-for-password
    good = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    # ok: picket.python.crypto.fast-hash-for-password
    etag = hashlib.md5(content).hexdigest()
    return h1, h2, good, etag
