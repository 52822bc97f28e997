from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect


# ruleid: picket.python.config.django-csrf-exempt
@csrf_exempt
def transfer(request):
    return HttpResponse("ok")


# ruleid: picket.python.config.django-csrf-exempt
@csrf_exempt
def update_email(request):
    return HttpResponse("ok")


# ok: picket.python.config.django-csrf-exempt
@csrf_protect
def profile(request):
    return HttpResponse("ok")


# ok: picket.python.config.django-csrf-exempt
def index(request):
    return HttpResponse("ok")
