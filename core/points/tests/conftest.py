import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture(autouse=True)
def _db(db):
    """Every points test touches the database."""


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded photos go to a throwaway folder, never to site/var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def png(name: str = "photo.png", colour: str = "red") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def neighbour(make_user, grid_tree, deeds_plugin):
    """A verified resident of 东栅一网格1号微网格 (under the grid_worker's grid)."""
    return make_user("resident", grid=grid_tree["micro"], name="张秀英")


@pytest.fixture
def far_resident(make_user, grid_tree, deeds_plugin):
    """A resident of 新兴第一网格: same town, another community and grid."""
    return make_user("resident", grid=grid_tree["xgrid"], name="赵远方")


@pytest.fixture
def other_worker(make_user, grid_tree):
    """A grid worker of 新兴第一网格: must see nothing of 东栅."""
    return make_user("grid_worker", grid=grid_tree["xgrid"], scope=grid_tree["xgrid"],
                     name="钱晓东")
