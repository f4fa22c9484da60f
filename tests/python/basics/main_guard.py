# __name__ is "__main__" in the script; module-level code runs top to bottom.
def main():
    print("main runs")
    return 0

print("module level", __name__)
if __name__ == "__main__":
    main()
