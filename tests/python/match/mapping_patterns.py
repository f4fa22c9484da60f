# Mapping patterns: required keys, extra keys allowed, **rest capture, and value patterns.
def handle(event):
    match event:
        case {"type": "click", "x": x, "y": y}:
            return f"click at {x},{y}"
        case {"type": "key", "key": "q"}:
            return "quit"
        case {"type": "key", "key": k, **rest}:
            return f"key {k} with {sorted(rest)}"
        case {"type": t}:
            return f"unknown {t}"
        case _:
            return "not an event"
for e in [{"type": "click", "x": 1, "y": 2, "extra": 0}, {"type": "key", "key": "q"},
          {"type": "key", "key": "a", "shift": True, "ctrl": False}, {"type": "scroll"}, {"x": 1}, [1]]:
    print(handle(e))
