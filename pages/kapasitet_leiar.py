"""The old address /kapasitet-leiar (bookmarked facilitator links): the same page as /kapasitet."""
from stadkraft.workshop import sider

sider.leder("kapasitet")
