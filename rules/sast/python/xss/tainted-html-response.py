import html
from django.http import HttpResponse, JsonResponse


def greet(request):
    name = request.GET.get("name", "")
    if name == "json":
        # ok: picket.python.xss.tainted-html-response
        return JsonResponse({"name": name})
    if name == "x":
        # ok: picket.python.xss.tainted-html-response
        return HttpResponse("<p>Hello " + html.escape(name) + "</p>")
    if name == "y":
        # ruleid: picket.python.xss.tainted-html-response
        return HttpResponse("<p>Hello %s</p>" % request.POST["who"])
    # ruleid: picket.python.xss.tainted-html-response
    return HttpResponse("<p>Hello " + name + "</p>")
