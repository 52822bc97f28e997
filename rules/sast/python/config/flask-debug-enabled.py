import os
from flask import Flask

app = Flask(__name__)
# ruleid: picket.python.config.flask-debug-enabled
app.config["DEBUG"] = True

if __name__ == "__main__":
    # ruleid: picket.python.config.flask-debug-enabled
    app.run(host="0.0.0.0", debug=True)
    # ok: picket.python.config.flask-debug-enabled
    app.run(host="127.0.0.1", debug=False)
    # ok: picket.python.config.flask-debug-enabled
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
