# Reading and validating a JSON config: json, dict methods, nested data, exceptions, type checks.
import json

RAW = '''
{
  "name": "service",
  "version": [1, 4, 2],
  "debug": false,
  "ratio": 0.75,
  "servers": [
    {"host": "a.example", "port": 8080, "weight": 3},
    {"host": "b.example", "port": 8081},
    {"host": "c.example", "port": "bad"}
  ],
  "limits": {"cpu": 2.5, "mem": 1024, "disk": null},
  "unicode": "caf\\u00e9 \\u2603"
}
'''

cfg = json.loads(RAW)
print(cfg["name"], cfg["version"], cfg["debug"], cfg["ratio"], cfg["limits"]["disk"])
print(type(cfg["limits"]["cpu"]).__name__, type(cfg["limits"]["mem"]).__name__, cfg["unicode"])
print(".".join(map(str, cfg["version"])))


class ConfigError(Exception):
    pass


def validate(server):
    missing = {"host", "port"} - server.keys()
    if missing:
        raise ConfigError(f"missing {sorted(missing)}")
    if not isinstance(server["port"], int):
        raise ConfigError(f"port of {server['host']} is {server['port']!r}")
    return {**server, "weight": server.get("weight", 1)}


good = []
for s in cfg["servers"]:
    try:
        good.append(validate(s))
    except ConfigError as e:
        print("skip:", e)
print(good)
print(json.dumps(good[0]), json.dumps(good, indent=2))
print(json.dumps({"b": 1, "a": [1, 2.5, None, True]}, sort_keys=True))
print(json.dumps("é☃"), json.dumps("é", ensure_ascii=False), json.dumps([1, 2], separators=(",", ":")))
total_weight = sum(s["weight"] for s in good)
shares = {s["host"]: round(s["weight"] / total_weight, 3) for s in good}
print(shares)
merged = dict(cfg["limits"])
merged.update(cpu=4, extra=True)
print(merged, merged.pop("extra"), merged.setdefault("net", 10), merged)
print(sorted(merged.items(), key=lambda kv: str(kv[1])))
try:
    json.loads("{bad json}")
except json.JSONDecodeError as e:
    print("JSONDecodeError:", e)
try:
    json.loads("[1, 2,]")
except ValueError as e:
    print("ValueError:", e)
print(json.loads("[1e3, -0.5, 12345678901234567890]"))
