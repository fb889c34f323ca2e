from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom"
    verbose_name = "Newsroom: roles and workflow"

    def ready(self):
        # Imported once the app registry is ready: both modules import models.
        from .panels import add_flatplan_tab
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        add_flatplan_tab()
