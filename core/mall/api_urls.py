"""mall: API routes under /api/mall/."""

from django.urls import path

from .api import views

urlpatterns = [
    path("mall/items/", views.ItemListView.as_view(), name="api-mall-items"),
    path("mall/items/<int:pk>/", views.ItemDetailView.as_view(), name="api-mall-item"),
    path("mall/items/<int:pk>/redeem/", views.RedeemView.as_view(), name="api-mall-redeem"),
    path("mall/orders/", views.OrderListView.as_view(), name="api-mall-orders"),
    path("mall/orders/<int:pk>/", views.OrderDetailView.as_view(), name="api-mall-order"),
    path("mall/orders/<int:pk>/cancel/", views.CancelView.as_view(), name="api-mall-cancel"),
    path("mall/credit/", views.CreditView.as_view(), name="api-mall-credit"),
    path("mall/staff/verify/", views.VerifyView.as_view(), name="api-mall-verify"),
]
