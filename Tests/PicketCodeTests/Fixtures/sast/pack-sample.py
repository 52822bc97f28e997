import hashlib
import os
import subprocess

import yaml


def backup(path):
    os.system("tar czf /tmp/b.tgz " + path)


def digest(data):
    return hashlib.md5(data).hexdigest()


def load(text):
    return yaml.load(text)
