import os

# ruleid: picket.python.config.django-debug-true
DEBUG = True
# ruleid: picket.python.config.django-debug-true
TEMPLATE_DEBUG = True

if os.environ.get("LOCAL"):
    # ok: picket.python.config.django-debug-true
    DEBUG = True


class TestSettings:
    # ok: picket.python.config.django-debug-true
    DEBUG = True
