import random
import secrets
import string


def issue():
    # ruleid: picket.python.crypto.insecure-random-secret
    reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    # ruleid: picket.python.crypto.insecure-random-secret
    otp = random.randint(100000, 999999)
    # ok: picket.python.crypto.insecure-random-secret
    api_key = secrets.token_urlsafe(32)
    # ok: picket.python.crypto.insecure-random-secret
    colour = random.choice(["red", "green"])
    return reset_token, otp, api_key, colour
