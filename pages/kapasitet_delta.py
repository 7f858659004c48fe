"""The old address /kapasitet-delta (printed QR codes, shared links): the one join page."""
from stadkraft.workshop import sider

sider.bli_med()
