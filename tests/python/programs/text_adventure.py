# A text adventure as a state machine driven by a scripted list of commands.
ROOMS = {
    "hall": {"desc": "a dusty hall", "exits": {"north": "library", "east": "kitchen"}, "items": ["lamp"]},
    "library": {"desc": "shelves of books", "exits": {"south": "hall"}, "items": ["key"]},
    "kitchen": {"desc": "a cold kitchen", "exits": {"west": "hall", "down": "cellar"}, "items": []},
    "cellar": {"desc": "darkness", "exits": {"up": "kitchen"}, "items": ["treasure"], "locked": True},
}
class Game:
    def __init__(self):
        self.room = "hall"
        self.inventory = []
        self.over = False
    def do(self, command):
        verb, _, noun = command.partition(" ")
        handler = getattr(self, "cmd_" + verb, None)
        if handler is None:
            return f"I don't know how to {verb}."
        return handler(noun)
    def cmd_look(self, _):
        r = ROOMS[self.room]
        items = ", ".join(r["items"]) or "nothing"
        return f"You are in {r['desc']}. Exits: {', '.join(sorted(r['exits']))}. You see {items}."
    def cmd_go(self, direction):
        target = ROOMS[self.room]["exits"].get(direction)
        if target is None:
            return "You can't go that way."
        if ROOMS[target].get("locked"):
            if "key" not in self.inventory:
                return "The way is locked."
            ROOMS[target]["locked"] = False
        self.room = target
        return self.cmd_look("")
    def cmd_take(self, item):
        items = ROOMS[self.room]["items"]
        if item not in items:
            return f"There is no {item} here."
        items.remove(item)
        self.inventory.append(item)
        if item == "treasure":
            self.over = True
            return "You found the treasure! You win."
        return f"Taken: {item}."
    def cmd_inventory(self, _):
        return "You carry: " + (", ".join(self.inventory) or "nothing")
game = Game()
script = ["look", "take lamp", "go east", "go down", "go west", "go north", "take key", "take key",
          "dance", "go south", "go east", "go down", "inventory", "take treasure", "look"]
for command in script:
    print(">", command)
    print(game.do(command))
    if game.over:
        break
