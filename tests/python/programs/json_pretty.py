# A hand-written JSON-ish pretty printer compared with json.dumps.
import json
def pretty(value, indent=0):
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f'{pad}  "{k}": {pretty(v, indent + 1)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [pad + "  " + pretty(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    return repr(value)
doc = {"name": "demo", "version": 3, "ratio": 0.25, "tags": ["x", "y"], "empty": {}, "list": [],
       "nested": {"ok": True, "none": None, "deep": [1, [2, {"z": "q\"uote"}]]}}
mine = pretty(doc)
print(mine)
print(mine == json.dumps(doc, indent=2))
print(json.loads(mine) == doc)
