from django.apps import AppConfig


class MailingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mailings"
    verbose_name = "Mailing lists and subscribers"

    def ready(self):
        # imported once the app registry is ready
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
