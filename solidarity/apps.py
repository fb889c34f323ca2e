from django.apps import AppConfig


class SolidarityConfig(AppConfig):
    name = "solidarity"
    verbose_name = "Solidarity site"

    def ready(self):
        # Imported once the app registry is ready: the handlers import models.
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
