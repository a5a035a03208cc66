from django.core.management.base import BaseCommand

from pazhou.registry import registry


class Command(BaseCommand):
    help = (
        "Load the facts the site ships with. Each registered loader (core 10, summit 20, "
        "rankings 30, district plans 40) creates only what is missing, so a rerun never "
        "overwrites an editor's change."
    )

    def handle(self, *args, **options):
        for loader in registry.seed_loaders:
            created = loader.load()
            self.stdout.write(f"{loader.order:>3} {loader.name}: {created} created")
