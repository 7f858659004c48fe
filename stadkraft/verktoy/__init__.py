"""The tools, each a package that registers itself with the workshop engine's contract
(`stadkraft.workshop.verktoy`). Adding a tool: a package here, and one import line below."""
from . import kapasitet  # noqa: F401
from . import prioritering  # noqa: F401
