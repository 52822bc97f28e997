import json
import pickle
import dill


def restore(blob, path):
    # ruleid: picket.python.deserialization.pickle-load
    obj = pickle.loads(blob)
    with open(path, "rb") as f:
        # ruleid: picket.python.deserialization.pickle-load
        state = dill.load(f)
    # ok: picket.python.deserialization.pickle-load
    cfg = json.loads(blob)
    # ok: picket.python.deserialization.pickle-load
    data = pickle.dumps(obj)
    return obj, state, cfg, data
