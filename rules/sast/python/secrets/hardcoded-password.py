import os
import psycopg2

# ruleid: picket.python.secrets.hardcoded-password
DB_PASSWORD = "s3cr3t-Pr0d!"
# ruleid: picket.python.secrets.hardcoded-password
conn = psycopg2.connect(host="db", user="app", password="hunter2hunter2")
# ruleid: picket.python.secrets.hardcoded-password
settings = {"api_key": "AKx9f0e1b2c3d4"}
# ok: picket.python.secrets.hardcoded-password
DB_PASSWORD_ENV = os.environ["DB_PASSWORD"]
# ok: picket.python.secrets.hardcoded-password
password_label = "Password"
# ok: picket.python.secrets.hardcoded-password
SECRET_KEY = "${SECRET_KEY}"
