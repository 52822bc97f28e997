import yaml


def parse(text):
    # ruleid: picket.python.deserialization.yaml-unsafe-load
    a = yaml.load(text, Loader=yaml.Loader)
    # ruleid: picket.python.deserialization.yaml-unsafe-load
    b = yaml.unsafe_load(text)
    # ruleid: picket.python.deserialization.yaml-unsafe-load
    c = yaml.load(text)
    # ok: picket.python.deserialization.yaml-unsafe-load
    d = yaml.safe_load(text)
    # ok: picket.python.deserialization.yaml-unsafe-load
    e = yaml.load(text, Loader=yaml.SafeLoader)
    return a, b, c, d, e
