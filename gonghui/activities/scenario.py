ORDER = 60

def load(spec, ctx):
    pass
