from .jobs import PAGE_SIZES, PrinterProfile, PrintJob
from .settings import PrintingSettings

__all__ = [
    "PAGE_SIZES",
    "PrinterProfile",
    "PrintJob",
    "PrintingSettings",
]
