from .jobs import PAGE_SIZES, PrinterProfile, PrintJob
from .settings import PrintingSettings
from .sellers import SELLERS_GROUP, Download, SaleRecord, SellerProfile

__all__ = [
    "PAGE_SIZES",
    "PrinterProfile",
    "PrintJob",
    "PrintingSettings",
    "SELLERS_GROUP",
    "Download",
    "SaleRecord",
    "SellerProfile",
]
