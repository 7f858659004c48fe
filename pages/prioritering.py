"""Prioriteringsverktøyet, the facilitator's page: the engine's views for this tool."""
from stadkraft.workshop import sider

sider.leder("prioritering")
