"""Bli med i workshop: the one join page for every tool (it reads the tool from the session)."""
from stadkraft.workshop import sider

sider.bli_med()
