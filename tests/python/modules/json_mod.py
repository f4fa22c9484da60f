# json: dumps with indent/sort_keys/separators, loads of nested data, and errors.
import json
data = {"name": "Ann", "age": 30, "tags": ["a", "b"], "nested": {"x": 1.5, "ok": True, "none": None}, "uni": "café"}
print(json.dumps(data))
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
text = '{"a": [1, 2, {"b": null}], "c": "\\u00e9\\n", "d": 1e3, "e": -0.5, "f": false}'
obj = json.loads(text)
print(obj, type(obj["d"]).__name__)
print(json.dumps([1, "two", 3.0, [], {}]), json.loads("[]"), json.loads('"s"'), json.dumps("quote\"and\\"))
try:
    json.loads("{bad json}")
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e)
print(json.dumps({1: "int key", "k": (1, 2)}))
