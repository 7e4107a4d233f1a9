"""leadsla: the lead SLA between marketing and sales, made executable."""

__version__ = "0.1.0"
