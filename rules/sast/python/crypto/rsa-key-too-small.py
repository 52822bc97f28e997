from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives.asymmetric import rsa


def keys():
    # ruleid: picket.python.crypto.rsa-key-too-small
    k1 = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ruleid: picket.python.crypto.rsa-key-too-small
    k2 = RSA.generate(512)
    # ok: picket.python.crypto.rsa-key-too-small
    k3 = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ok: picket.python.crypto.rsa-key-too-small
    k4 = RSA.generate(2048)
    return k1, k2, k3, k4
