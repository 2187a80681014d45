/** @module A small gazetteer: places a question may name that the corpus may not cover. */

/**
 * Provinces and regions, then prefecture-level cities: every provincial capital, every city of the
 * provinces the starting corpus comes from (江苏, 江西, 宁夏), and other large cities people ask
 * about. Names without their 省/市 suffix; a question naming one that no document on file belongs
 * to is out of scope rather than answered from another city's rules.
 */
export const PROVINCES: readonly string[] = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽',
  '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西',
  '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
]

export const CITIES: readonly string[] = [
  // 江苏
  '南京', '无锡', '徐州', '常州', '苏州', '南通', '连云港', '淮安', '盐城', '扬州', '镇江', '泰州', '宿迁',
  // 江西
  '南昌', '景德镇', '萍乡', '九江', '新余', '鹰潭', '赣州', '吉安', '宜春', '抚州', '上饶',
  // 宁夏
  '银川', '石嘴山', '吴忠', '固原', '中卫',
  // provincial capitals and other large cities
  '石家庄', '太原', '呼和浩特', '沈阳', '大连', '长春', '哈尔滨', '杭州', '宁波', '温州', '嘉兴', '绍兴',
  '金华', '合肥', '芜湖', '福州', '厦门', '泉州', '济南', '青岛', '烟台', '潍坊', '郑州', '洛阳', '武汉',
  '宜昌', '襄阳', '长沙', '株洲', '广州', '深圳', '珠海', '佛山', '东莞', '中山', '惠州', '汕头', '海口',
  '三亚', '南宁', '柳州', '桂林', '成都', '绵阳', '贵阳', '遵义', '昆明', '拉萨', '西安', '兰州', '西宁',
  '乌鲁木齐', '唐山', '保定', '邯郸', '廊坊', '包头', '鄂尔多斯', '鞍山', '吉林市', '大庆', '齐齐哈尔',
  '淄博', '临沂', '济宁', '威海', '南阳', '新乡', '许昌', '十堰', '岳阳', '常德', '衡阳', '湛江', '江门',
  '肇庆', '揭阳', '茂名', '南充', '宜宾', '泸州', '德阳', '曲靖', '大理', '宝鸡', '咸阳', '榆林', '天水',
]

/** Generic words ending in 市/县/区 that name no particular place. */
export const NOT_PLACES: readonly string[] = [
  '本市', '全市', '我市', '各市', '该市', '城市', '市区', '本县', '全县', '我县', '各县', '该县', '县区',
  '本区', '全区', '我区', '各区', '该区', '城区', '园区', '社区', '景区', '库区', '山区', '辖区', '郊区',
  '开发区', '功能区', '示范区', '试验区', '先行区', '高新区', '新区', '片区', '街区', '小区', '市县',
  '地区', '灾区', '牧区', '林区', '矿区', '校区', '厂区', '老区', '边区', '特区', '湾区', '省市', '市场',
  '城镇', '县城', '县域', '市域', '区域',
]
