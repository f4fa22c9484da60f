# Nested dicts as records, and equality of dicts regardless of order.
db = {"alice": {"age": 30, "tags": ["admin"]}, "bob": {"age": 25, "tags": []}}
db["bob"]["tags"].append("dev")
db["carol"] = {"age": 35, "tags": ["dev", "ops"]}
for name, rec in db.items():
    print(name, rec["age"], ",".join(rec["tags"]) or "-")
print({"a": 1, "b": 2} == {"b": 2, "a": 1}, {"a": [1]} == {"a": [1]}, {} != {"x": 0})
print(sum(r["age"] for r in db.values()), [n for n, r in db.items() if "dev" in r["tags"]])
