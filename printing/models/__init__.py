from .jobs import PAGE_SIZES, PrinterProfile, PrintJob
from .sellers import SELLERS_GROUP, Download, SaleRecord, SellerProfile

__all__ = [
    "PAGE_SIZES",
    "PrinterProfile",
    "PrintJob",
    "SELLERS_GROUP",
    "Download",
    "SaleRecord",
    "SellerProfile",
]
