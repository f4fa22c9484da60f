# match with literal patterns, the wildcard, and or-patterns.
def http(status):
    match status:
        case 200:
            return "OK"
        case 301 | 302:
            return "redirect"
        case 404:
            return "not found"
        case "teapot":
            return "I'm a teapot"
        case None:
            return "no status"
        case True:
            return "true?"
        case _:
            return "other"
for s in [200, 302, 404, "teapot", None, True, 1, 500]:
    print(s, http(s))
