-- Uncaught error with level 0: the message carries no position.
print("about to fail")
error("bare message", 0)
