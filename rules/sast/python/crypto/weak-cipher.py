from Crypto.Cipher import AES, DES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def enc(key, iv, data):
    # ruleid: picket.python.crypto.weak-cipher
    c1 = DES.new(key, DES.MODE_CBC, iv)
    # ruleid: picket.python.crypto.weak-cipher
    c2 = AES.new(key, AES.MODE_ECB)
    # ruleid: picket.python.crypto.weak-cipher
    c3 = Cipher(algorithms.AES(key), modes.ECB())
    # ok: picket.python.crypto.weak-cipher
    c4 = AES.new(key, AES.MODE_GCM)
    # ok: picket.python.crypto.weak-cipher
    c5 = Cipher(algorithms.AES(key), modes.GCM(iv))
