import ssl
import requests


def fetch(url):
    # ruleid: picket.python.transport.tls-verification-disabled
    r = requests.get(url, verify=False)
    ctx = ssl.create_default_context()
    # ruleid: picket.python.transport.tls-verification-disabled
    ctx.check_hostname = False
    # ruleid: picket.python.transport.tls-verification-disabled
    ctx.verify_mode = ssl.CERT_NONE
    # ok: picket.python.transport.tls-verification-disabled
    r = requests.get(url, verify="/etc/ssl/private-ca.pem")
    # ok: picket.python.transport.tls-verification-disabled
    r = requests.post(url, json={}, timeout=5)
    return r
