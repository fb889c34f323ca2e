from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content and `seed_demo`: no models, and nothing in production imports it."""

    name = "demo"
