from django.apps import AppConfig


class PrintingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "printing"
    verbose_name = "Print PDFs and sellers"

    def ready(self):
        # Imported once the app registry is ready: the handlers import models.
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
