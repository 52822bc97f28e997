import requests
import urllib.request
from flask import request


def proxy():
    target = request.args.get("url")
    # ruleid: picket.python.ssrf.tainted-request-url
    r = requests.get(target)
    # ruleid: picket.python.ssrf.tainted-request-url
    body = urllib.request.urlopen("http://" + request.form["host"] + "/status").read()
    # ok: picket.python.ssrf.tainted-request-url
    r = requests.get("https://api.example/search", params={"q": target})
    # ok: picket.python.ssrf.tainted-request-url
    r = requests.post("https://api.example/hooks", json={"url": target})
    return r.text
